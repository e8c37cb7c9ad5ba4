package hu.miskolc.fourim;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The 4IM journey server: Camunda 7 running the Miskolc integrated social and employment service model. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FourImApplication {

    public static void main(String[] args) {
        SpringApplication.run(FourImApplication.class, args);
    }
}

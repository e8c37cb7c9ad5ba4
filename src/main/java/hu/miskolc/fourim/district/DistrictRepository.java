package hu.miskolc.fourim.district;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The districts served (table {@code district}); adding one is a row, not a release. */
@Repository
public class DistrictRepository {

    public record District(String code, String name, String city, String servicePoint, boolean pilot) {
    }

    private final JdbcTemplate jdbc;

    DistrictRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<District> active() {
        return jdbc.query("select code, name, city, service_point, pilot from district where active order by name",
                (rs, i) -> new District(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5)));
    }

    public Optional<District> find(String code) {
        return active().stream().filter(d -> d.code().equals(code)).findFirst();
    }
}

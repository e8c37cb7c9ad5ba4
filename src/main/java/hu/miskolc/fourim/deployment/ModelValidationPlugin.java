package hu.miskolc.fourim.deployment;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Puts the {@link ModelValidator} in front of the engine's own deployers, for every way of deploying. */
@Component
class ModelValidationPlugin extends AbstractProcessEnginePlugin {

    private final MessageSource messages;

    ModelValidationPlugin(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> preDeployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreDeployers());
        preDeployers.add(new ModelValidator(messages));
        configuration.setCustomPreDeployers(preDeployers);
    }
}

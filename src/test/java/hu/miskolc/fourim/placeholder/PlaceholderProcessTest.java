package hu.miskolc.fourim.placeholder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import hu.miskolc.fourim.IntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class PlaceholderProcessTest {

    @Autowired
    ProcessEngine engine;

    @BeforeEach
    void init() {
        AbstractAssertions.init(engine);
    }

    @Test
    void deploysWithItsFormAndRoutesTheTaskToAdvisers() {
        ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("placeholder").latestVersion().singleResult();
        assertThat(definition).isNotNull();
        assertThat(engine.getRepositoryService().getDeploymentResourceNames(definition.getDeploymentId()))
                .anyMatch(name -> name.endsWith("placeholder-note.form"));

        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("placeholder");
        assertThat(instance).isWaitingAt("Task_WriteNote");
        Task task = task(instance);
        assertThat(task).hasCandidateGroup("employment-advisers");
        assertThat(engine.getFormService().getTaskFormKey(definition.getId(), "Task_WriteNote")).isNull();
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).initializeFormKeys().singleResult()
                .getCamundaFormRef().getKey()).isEqualTo("placeholder-note");

        complete(task, withVariables("note", "Minden rendben"));
        assertThat(instance).isEnded().hasPassedInOrder("StartEvent_Requested", "Task_WriteNote", "EndEvent_Done");
    }
}

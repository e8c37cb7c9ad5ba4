package hu.miskolc.fourim.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Helpers shared by the process tests: start a survey, complete a task by its id in the diagram, fire a timer. */
public abstract class ProcessTestSupport {

    @Autowired
    protected ProcessEngine engine;
    @Autowired
    protected JdbcTemplate jdbc;

    protected void initAssertions() {
        AbstractAssertions.init(engine);
    }

    /** A household survey of the address in the district, started as the engine (no user). */
    protected ProcessInstance startSurvey(String district, String address) {
        return engine.getRuntimeService().startProcessInstanceByKey("household-survey",
                Map.of("districtCode", district, "address", address));
    }

    protected Task taskAt(ProcessInstance instance, String activityId) {
        return taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(activityId).list().get(0);
    }

    public void completeAt(ProcessInstance instance, String activityId, Map<String, Object> variables) {
        complete(taskAt(instance, activityId), variables);
    }

    /** Fires the timer waiting at the given activity (boundary or intermediate). */
    protected void fireTimer(ProcessInstance instance, String activityId) {
        Job timer = jobQuery().processInstanceId(instance.getId()).activityId(activityId).list().get(0);
        execute(timer);
    }

    protected void runAllJobs(ProcessInstance instance) {
        while (jobQuery().processInstanceId(instance.getId()).executable().count() > 0) {
            execute(jobQuery().processInstanceId(instance.getId()).executable().list().get(0));
        }
    }
}

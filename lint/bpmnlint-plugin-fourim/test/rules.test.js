'use strict';

// The 4IM rules on small models: `npm test` (node's own test runner), run by .ci/run with the lint.
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');

const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { BpmnModdle } = require('bpmn-moddle');

const FORMS = path.resolve(__dirname, '../../../forms');

function model(processAttributes, elements) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Test" targetNamespace="t">
  <bpmn:process id="lint-test" isExecutable="true" ${processAttributes}>
    <bpmn:startEvent id="StartEvent_Test" name="Indul" ${elements.start || ''} />
    <bpmn:userTask id="Task_Test" name="Feladat" ${elements.task || ''} />
    <bpmn:subProcess id="SubProcess_Test" ${elements.subProcess || ''} />
  </bpmn:process>
</bpmn:definitions>`;
}

async function lint(xml) {
  const { rootElement } = await new BpmnModdle().fromXML(xml);
  const linter = new Linter({
    config: {
      rules: {
        'fourim/user-task-form': 'error',
        'fourim/start-event-form': 'error',
        'fourim/form-exists': [ 'error', { formsDir: FORMS } ],
        'fourim/named-process': 'error'
      }
    },
    resolver: new NodeResolver()
  });
  const results = await linter.lint(rootElement);
  return Object.entries(results).flatMap(([ rule, reports ]) => reports.map(r => `${rule} ${r.id}: ${r.message}`));
}

const GOOD_FORM = 'camunda:formRef="intake-consent" camunda:formRefBinding="deployment"';

test('a model following the rules passes', async () => {
  const reports = await lint(model('name="Próba" camunda:candidateStarterGroups="coordinators"',
    { start: GOOD_FORM, task: GOOD_FORM, subProcess: 'name="Alfolyamat"' }));
  assert.deepStrictEqual(reports, []);
});

test('a user task without a form is reported', async () => {
  const reports = await lint(model('name="Próba"', { subProcess: 'name="Alfolyamat"' }));
  assert.deepStrictEqual(reports, [ 'fourim/user-task-form Task_Test: User task has no Camunda Form (camunda:formRef)' ]);
});

test('a form not bound to the deployment is reported', async () => {
  const reports = await lint(model('name="Próba"', {
    task: 'camunda:formRef="intake-consent" camunda:formRefBinding="latest"', subProcess: 'name="Alfolyamat"' }));
  assert.strictEqual(reports.length, 1);
  assert.match(reports[0], /fourim\/user-task-form Task_Test: Form "intake-consent" must be bound to the deployment/);
});

test('a form missing from forms/ is reported', async () => {
  const reports = await lint(model('name="Próba"', {
    task: 'camunda:formRef="no-such-form" camunda:formRefBinding="deployment"', subProcess: 'name="Alfolyamat"' }));
  assert.deepStrictEqual(reports,
    [ 'fourim/form-exists Task_Test: Form "no-such-form" does not exist in forms/ (no .form file with this id)' ]);
});

test('the start event of a process started in Tasklist needs a form; others do not', async () => {
  const started = await lint(model('name="Próba" camunda:candidateStarterGroups="coordinators"',
    { task: GOOD_FORM, subProcess: 'name="Alfolyamat"' }));
  assert.deepStrictEqual(started,
    [ 'fourim/start-event-form StartEvent_Test: Start event of a process started in Tasklist has no Camunda Form (camunda:formRef)' ]);
  const byServer = await lint(model('name="Próba"', { task: GOOD_FORM, subProcess: 'name="Alfolyamat"' }));
  assert.deepStrictEqual(byServer, []);
});

test('unnamed processes and sub-processes are reported', async () => {
  const reports = await lint(model('', { task: GOOD_FORM }));
  assert.deepStrictEqual(reports.sort(), [
    'fourim/named-process SubProcess_Test: Sub-process is missing a name',
    'fourim/named-process lint-test: Process is missing a name'
  ]);
});

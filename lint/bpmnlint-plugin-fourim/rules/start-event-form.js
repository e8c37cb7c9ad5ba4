'use strict';

const { is } = require('bpmnlint-utils');
const { checkFormReference } = require('./forms');

/**
 * The blank start event of a process people start in Tasklist (camunda:candidateStarterGroups or
 * camunda:candidateStarterUsers) has a Camunda Form. Processes started by the server need none.
 */
module.exports = function() {

  function check(node, reporter) {
    if (!is(node, 'bpmn:Process')) {
      return;
    }
    if (!node.get('camunda:candidateStarterGroups') && !node.get('camunda:candidateStarterUsers')) {
      return;
    }
    (node.flowElements || [])
      .filter(element => is(element, 'bpmn:StartEvent') && !(element.eventDefinitions || []).length)
      .forEach(start => checkFormReference(start, reporter, 'Start event of a process started in Tasklist'));
  }

  return { check };
};

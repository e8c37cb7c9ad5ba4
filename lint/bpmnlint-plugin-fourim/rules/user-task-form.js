'use strict';

const { is } = require('bpmnlint-utils');
const { checkFormReference } = require('./forms');

/** Every user task references a Camunda Form with binding "deployment" (CONTRACT.md). */
module.exports = function() {

  function check(node, reporter) {
    if (is(node, 'bpmn:UserTask')) {
      checkFormReference(node, reporter, 'User task');
    }
  }

  return { check };
};

'use strict';

const { is } = require('bpmnlint-utils');

/** Executable processes and sub-processes have a name: Tasklist and Cockpit show it (label-required skips them). */
module.exports = function() {

  function check(node, reporter) {
    const named = (node.name || '').trim().length > 0;
    if (is(node, 'bpmn:Process') && node.isExecutable && !named) {
      reporter.report(node.id, 'Process is missing a name', [ 'name' ]);
    }
    if (is(node, 'bpmn:SubProcess') && !named) {
      reporter.report(node.id, 'Sub-process is missing a name', [ 'name' ]);
    }
  }

  return { check };
};

'use strict';

// The 4IM modelling rules (CONTRACT.md): every user task, and the start event of a process people start, has a
// Camunda Form of forms/ bound to the deployment; processes and sub-processes carry a name (Tasklist, Cockpit).
module.exports = {
  configs: {
    recommended: {
      rules: {
        'user-task-form': 'error',
        'start-event-form': 'error',
        'form-exists': 'error',
        'named-process': 'error'
      }
    }
  }
};

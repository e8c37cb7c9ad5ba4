'use strict';

const fs = require('fs');
const path = require('path');

/** The ids of the Camunda Forms in the forms directory (default: forms/ of the working directory). */
function formIds(formsDir) {
  const dir = path.resolve(formsDir || 'forms');
  if (!fs.existsSync(dir)) {
    return new Set();
  }
  return new Set(fs.readdirSync(dir)
    .filter(file => file.endsWith('.form'))
    .map(file => {
      try {
        return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')).id;
      } catch (e) {
        return undefined;
      }
    })
    .filter(Boolean));
}

/** Reports an element whose Camunda Form is missing or not bound to the deployment. */
function checkFormReference(node, reporter, what) {
  const formRef = node.get('camunda:formRef');
  if (!formRef) {
    reporter.report(node.id, `${what} has no Camunda Form (camunda:formRef)`, [ 'formRef' ]);
    return;
  }
  const binding = node.get('camunda:formRefBinding');
  if (binding !== 'deployment') {
    reporter.report(node.id, `Form "${formRef}" must be bound to the deployment (camunda:formRefBinding="deployment"), ` +
      `so a case keeps the form of its version`, [ 'formRefBinding' ]);
  }
}

module.exports = { formIds, checkFormReference };

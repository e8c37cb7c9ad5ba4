'use strict';

const { formIds } = require('./forms');

/**
 * A referenced Camunda Form exists in forms/ (by its JSON "id"), so it is deployed with the model.
 * Option: { "formsDir": "forms" }, relative to the working directory.
 */
module.exports = function(config) {

  const known = formIds(config && config.formsDir);

  function check(node, reporter) {
    const formRef = node.get && node.get('camunda:formRef');
    if (formRef && !/[$#]\{/.test(formRef) && !known.has(formRef)) {
      reporter.report(node.id, `Form "${formRef}" does not exist in forms/ (no .form file with this id)`, [ 'formRef' ]);
    }
  }

  return { check };
};

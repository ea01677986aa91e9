// The failure converter of every Warmflow worker, workflow bundle and Temporal client: failure
// messages and stack traces travel as an encoded payload, so the payload codec encrypts them
// and the Temporal server stores no message text (which may hold personal data) in plain text.
// CommonJS on purpose: Temporal loads it with require() in the worker and the client, and
// bundles it into the workflow code.
const { DefaultFailureConverter } = require('@temporalio/common')

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true })

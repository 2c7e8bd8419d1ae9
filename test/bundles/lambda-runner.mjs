// One Lambda function in its own Node process, as the Node.js runtime runs it: the bundle is imported
// once (the init phase, top-level await included), then each invocation the parent sends over IPC
// calls its handler with the event and a Lambda context. Plain JavaScript: the process runs the built
// bundle only, none of the repository's TypeScript.
import { pathToFileURL } from 'node:url';

const [bundleFile, handlerName = 'handler', timeoutMs = '30000'] = process.argv.slice(2);

const describe = (err) =>
  err instanceof Error
    ? { name: err.name, message: err.message, stack: err.stack }
    : { name: 'Error', message: String(err) };

let handler;
try {
  const module = await import(pathToFileURL(bundleFile).href);
  handler = module[handlerName];
  if (typeof handler !== 'function') throw new Error(`${bundleFile} exports no ${handlerName}()`);
  process.send({ type: 'ready' });
} catch (err) {
  process.send({ type: 'init-error', error: describe(err) }, () => process.exit(1));
}

process.on('message', async ({ id, event, awsRequestId }) => {
  const deadline = Date.now() + Number(timeoutMs);
  const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'function';
  const context = {
    awsRequestId,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${functionName}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '1024',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'bundle-test',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
  try {
    const result = await handler(event, context);
    process.send({ type: 'result', id, result: result ?? null });
  } catch (err) {
    process.send({ type: 'result', id, error: describe(err) });
  }
});

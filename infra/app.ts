import { App } from 'aws-cdk-lib';
import { addSecurityChecks, createHubStack } from './hub-app';

const app = new App();
createHubStack(app);
addSecurityChecks(app);
app.synth();

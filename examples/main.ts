import { App } from 'cdk8s';
import { QuickStartChart } from './quick-start';

const app = new App();
new QuickStartChart(app, 'quick-start');
app.synth();

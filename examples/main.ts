import { App } from 'cdk8s';
import { AdminPolicyVersion } from '../src';
import { addArticleCharts } from './article';
import { PlatformChart } from './platform';
import { QuickStartChart } from './quick-start';
import { ShopChart } from './shop';

const app = new App();
new QuickStartChart(app, 'quick-start');
addArticleCharts(app);
new ShopChart(app, 'shop');
// The same guardrails in both APIs; apply the one your network plugin implements.
new PlatformChart(app, 'platform', AdminPolicyVersion.V1ALPHA1);
new PlatformChart(app, 'platform-v1alpha2', AdminPolicyVersion.V1ALPHA2);
app.synth();

import { App } from 'cdk8s';
import { addArticleCharts } from './article';
import { PlatformChart } from './platform';
import { QuickStartChart } from './quick-start';
import { ShopChart } from './shop';
import { addShopNeighbours } from './shop-neighbours';
import { AdminPolicyVersion, NetpolSettings } from '../src';

const app = new App();
new QuickStartChart(app, 'quick-start');
addArticleCharts(app);
const shop = new ShopChart(app, 'shop');
// The shop chart's HTML report, written at synth beside its manifests (cdk8s.out/shop-netpol-report.html).
NetpolSettings.of(shop).report = 'shop-netpol-report.html';
addShopNeighbours(app);
// The same guardrails in both APIs; apply the one your network plugin implements.
new PlatformChart(app, 'platform', AdminPolicyVersion.V1ALPHA1);
new PlatformChart(app, 'platform-v1alpha2', AdminPolicyVersion.V1ALPHA2);
app.synth();

import { App } from 'cdk8s';
import { addArticleCharts } from './article';
import { QuickStartChart } from './quick-start';
import { ShopChart } from './shop';
import { addShopNeighbours } from './shop-neighbours';
import { NetpolSettings } from '../src';

const app = new App();
new QuickStartChart(app, 'quick-start');
addArticleCharts(app);
const shop = new ShopChart(app, 'shop');
// The shop chart's HTML report, written at synth beside its manifests (cdk8s.out/shop-netpol-report.html).
NetpolSettings.of(shop).report = 'shop-netpol-report.html';
addShopNeighbours(app);
app.synth();

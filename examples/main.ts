import { App } from 'cdk8s';
import { addArticleCharts } from './article';
import { BatchChart } from './deny-all';
import { QuickStartChart } from './quick-start';
import { ShopChart } from './shop';

const app = new App();
new QuickStartChart(app, 'quick-start');
addArticleCharts(app);
new ShopChart(app, 'shop');
new BatchChart(app, 'batch');
app.synth();

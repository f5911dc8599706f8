import { App } from 'cdk8s';
import { addArticleCharts } from './article';
import { addDialectCharts } from './dialects';
import { QuickStartChart } from './quick-start';
import { ShopChart } from './shop';

const app = new App();
new QuickStartChart(app, 'quick-start');
addArticleCharts(app);
new ShopChart(app, 'shop');
addDialectCharts(app);
app.synth();

import { LabCluster } from './src/lab/lab-cluster';
LabCluster.down();

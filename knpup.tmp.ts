import { LabCluster } from './src/lab/lab-cluster';
import { KUBE_NETWORK_POLICIES_ENGINE } from './src/lab/lab-engine';
(async () => {
  const lab = await LabCluster.up((l) => console.log(l), KUBE_NETWORK_POLICIES_ENGINE);
  console.log(JSON.stringify(lab.startTimes));
})().catch((e) => { console.error(e); process.exit(1); });

/** The policies of the source article ("Advanced Network Policies", K3s v1.29.3 with Calico v3.27.3), verbatim. */
export const ARTICLE_YAML: { [name: string]: string } = {
  'allow-db-access-on-service-port': `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-db-access-on-service-port
spec:
  podSelector:
    matchExpressions:
    - key: app
      operator: In
      values:
      - webserver
  ingress:
  - from:
    - podSelector: {}
    ports:
    - protocol: TCP
      port: 80
`,
  'restrict-web-ingress': `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: restrict-web-ingress
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: frontend
`,
  'restrict-db-egress': `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: restrict-db-egress
spec:
  podSelector:
    matchExpressions:
    - key: app
      operator: In
      values:
      - database
  egress:
  - to:
    - podSelector: {}
  - to:
    - ipBlock:
        cidr: 10.0.0.0/16
`,
  'allow-dns-udp': `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns-udp
spec:
  podSelector:
    matchExpressions:
    - key: app
      operator: In
      values:
      - webserver
  ingress:
  - from:
    - podSelector: {}
    ports:
    - protocol: UDP
      port: 53
`,
  'allow-http-ingress': `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-http-ingress
spec:
  podSelector:
    matchExpressions:
    - key: app
      operator: In
      values:
      - webserver
  ingress:
  - from:
    - podSelector: {}
    ports:
    - protocol: TCP
      port: 80
`,
  'restrict-db-communication': `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
 name: restrict-db-communication
spec:
 podSelector:
   matchExpressions:
   - key: app
     operator: In
     values:
     - database
 ingress:
 - from:
   - podSelector:
       matchExpressions:
       - key: app
         operator: In
         values:
         - webserver
 egress:
 - to:
   - podSelector: {}
 - to:
   - ipBlock:
       cidr: 192.168.0.0/16
`,
};

import { Chart, Testing } from 'cdk8s';
import { LabelSelector, NetworkPolicy, Peer, Pods, Port, Protocol } from '../../src';

/**
 * From plain JavaScript, other jsii languages or loosely typed configuration, a value can be missing.
 * A missing value is refused with what to write; it is never read as "everything" (`Port.tcp(undefined)`
 * was every TCP port).
 */
const loose = (value: unknown): any => value;

describe('the model\'s factories refuse missing and non-finite values', () => {
  test.each([
    ['Port.tcp', () => Port.tcp(loose(undefined)), /Port\.tcp\(port\): port must be a port number \(an integer from 1 to 65535\), got nothing/],
    ['Port.udp', () => Port.udp(loose(null)), /Port\.udp\(port\): port must be a port number.*got null/],
    ['Port.sctp', () => Port.sctp(loose('80')), /Port\.sctp\(port\): port must be a port number.*got "80"/],
    ['Port.of', () => Port.of(Protocol.TCP, NaN), /got NaN \(not a number\)/],
    ['Port.of protocol', () => Port.of(loose(undefined), 80), /Port\.of\(protocol, port\): protocol must be one of TCP, UDP, SCTP, got nothing/],
    ['Port.tcpRange start', () => Port.tcpRange(loose(undefined), 90), /Port\.tcpRange\(start, end\): start must be a port number/],
    ['Port.udpRange end', () => Port.udpRange(80, Infinity), /Port\.udpRange\(start, end\): end must be a port number.*got Infinity/],
    ['Port.range protocol', () => Port.range(loose('tcp'), 80, 90), /protocol must be one of TCP, UDP, SCTP, got "tcp"/],
    ['Port.named', () => Port.named(loose(undefined)), /Port\.named\(name\): name must be a string, got nothing/],
    ['Port.named protocol', () => Port.named('http', loose('HTTP')), /protocol must be one of TCP, UDP, SCTP, got "HTTP"/],
    ['Port.allOf', () => Port.allOf(loose(undefined)), /Port\.allOf\(protocol\): protocol must be one of/],
    ['Peer.namespace undefined', () => Peer.namespace(loose(undefined)), /Peer\.namespace\(name\): name must be a non-empty string, got nothing/],
    ['Peer.namespace empty', () => Peer.namespace(''), /Peer\.namespace\(name\): name must be a non-empty string, got ""/],
    ['Peer.podsInNamespace', () => Peer.podsInNamespace('', LabelSelector.labels({ app: 'a' })), /name must be a non-empty string/],
    ['Peer.podsInNamespace pods', () => Peer.podsInNamespace('x', loose(undefined)), /pods must be a LabelSelector/],
    ['Peer.pods', () => Peer.pods(loose(undefined)), /Peer\.pods\(selector\): selector must be a LabelSelector.*got nothing/],
    ['Peer.pods with labels', () => Peer.pods(loose({ app: 'web' })), /selector must be a LabelSelector.*got an object \(Object\)/],
    ['Peer.namespaces', () => Peer.namespaces(loose(null)), /selector must be a LabelSelector/],
    ['Peer.podsIn', () => Peer.podsIn(LabelSelector.all(), loose(undefined)), /Peer\.podsIn\(namespaces, pods\): pods must be a LabelSelector/],
    ['Peer.podsWithLabels', () => Peer.podsWithLabels(loose(undefined)), /labels must be a map of label keys to values, got nothing/],
    ['Peer.podsWithLabels value', () => Peer.podsWithLabels(loose({ app: 1 })), /the value of label "app" must be a string, got 1/],
    ['Peer.cidr', () => Peer.cidr(loose(undefined)), /Peer\.cidr\(cidr, options\): cidr must be a string, got nothing/],
    ['Peer.cidr except', () => Peer.cidr('10.0.0.0/8', { except: [loose(undefined)] }), /except\[0\] must be a string, got nothing/],
    ['LabelSelector.labels', () => LabelSelector.labels(loose(undefined)), /LabelSelector\.labels\(labels\): labels must be a map/],
    ['LabelSelector.of', () => LabelSelector.of(loose(undefined)), /LabelSelector\.of\(options\): options must be an object/],
    ['LabelSelector.of key', () => LabelSelector.of({ expressions: [loose({ operator: 'Exists' })] }), /expressions\[0\]\.key must be a label key, got nothing/],
    ['LabelSelector.of operator', () => LabelSelector.of({ expressions: [loose({ key: 'a' })] }), /expressions\[0\]\.operator must be one of In, NotIn, Exists, DoesNotExist, got nothing/],
    ['LabelSelector.of values', () => LabelSelector.of({ expressions: [loose({ key: 'a', operator: 'In', values: [undefined] })] }), /values\[0\] must be a string, got nothing/],
    ['Pods.labels', () => Pods.labels(loose(undefined)), /Pods\.labels\(labels\): labels must be a map/],
    ['Pods.select', () => Pods.select(loose(undefined)), /Pods\.select\(selector\): selector must be a LabelSelector/],
    ['Pods.of', () => Pods.of(loose(undefined)), /Pods\.of\(workload\): workload must be a cdk8s-plus workload or pod.*got nothing/],
  ])('%s', (_name, call, message) => {
    expect(call).toThrow(message);
    expect(call).toThrow(TypeError);
  });

  test('no message uses JavaScript\'s words', () => {
    for (const call of [() => Port.tcp(loose(undefined)), () => Peer.cidr(loose(undefined)), () => Pods.of(loose(undefined))]) {
      expect(call).toThrow(/^(?!.*\bundefined\b).*$/s);
    }
  });

  test('the range and the name are the API server\'s rules, checked at synth with the field path', () => {
    expect(Port.tcp(0).portNumber).toBe(0);
    expect(Port.named('').name).toBe('');
  });
});

describe('the constructs refuse missing values with the construct path', () => {
  const chart = () => new Chart(Testing.app(), 'shop', { namespace: 'shop' });

  test('a missing selector', () => {
    expect(() => new NetworkPolicy(chart(), 'web', loose({}))).toThrow(/^shop\/web: selector must be Pods .*got nothing/);
  });

  test('a missing peer or port', () => {
    const policy = new NetworkPolicy(chart(), 'web', { selector: Pods.labels({ app: 'web' }) });
    expect(() => policy.allowIngress(loose(undefined), Port.tcp(80))).toThrow(/^shop\/web: allowIngress\(peer, \.\.\.ports\): peer must be a Peer .*got nothing/);
    expect(() => policy.allowEgress(Peer.anywhere(), loose(undefined))).toThrow(/^shop\/web: allowEgress\(peer, \.\.\.ports\): port 1 must be a Port .*got nothing/);
    expect(() => policy.allowIngressFromPods(loose(undefined), Port.tcp(80))).toThrow(/^shop\/web: allowIngressFromPods\(pods, \.\.\.ports\): pods must be Pods/);
    expect(() => policy.allowEgressToPods(Pods.labels({ app: 'db' }), loose(80))).toThrow(/^shop\/web: allowEgressToPods\(pods, \.\.\.ports\): port 1 must be a Port .*got 80/);
  });
});

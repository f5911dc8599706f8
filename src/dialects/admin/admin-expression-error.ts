/**
 * Internal (not part of the jsii API: jsii cannot export a subclass of Error); the message says what to change.
 *
 * An intent that the chosen API version cannot express (Pass in a BaselineAdminNetworkPolicy, a
 * domain name outside an egress Allow rule, ...). It is refused by name, never written weaker.
 */
export class AdminPolicyExpressionError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'AdminPolicyExpressionError';
  }
}

/**
 * What a network plugin does with a feature of a NetworkPolicy.
 */
export enum SupportLevel {
  /** The feature is enforced as Kubernetes defines it. */
  ENFORCED = 'enforced',
  /** The field is ignored or the feature does not take effect; the note says how (e.g. endPort reduced to its first port). */
  IGNORED = 'ignored',
  /** The plugin drops the whole policy that uses the feature (fail-open: none of its rules apply). */
  POLICY_DROPPED = 'policy-dropped',
  /** Not documented, or depends on the version and settings; the note says on what. */
  UNKNOWN = 'unknown',
}

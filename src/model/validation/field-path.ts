/**
 * Field paths in the syntax of Go's `field.Path`: `spec.ingress[0].ports[1].endPort`,
 * `metadata.labels[app]`.
 */

/** The path of a child field. */
export function childPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

/** The path of a list item. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** The path of a map entry. */
export function keyPath(parent: string, key: string): string {
  return `${parent}[${key}]`;
}

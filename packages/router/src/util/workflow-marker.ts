/**
 * The mark a workflow carries, so that a router (which sits below workflows and does not import
 * them) can tell a workflow from any other object, from any copy of this package.
 * @example
 * ```ts
 * const isWorkflow = typeof value === 'object' && value !== null && workflowMarker in value;
 * ```
 */
export const workflowMarker: unique symbol = Symbol.for('kagura.workflow');

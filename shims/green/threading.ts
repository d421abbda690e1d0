/**
 * Placeholder until the shims land (issue 3).
 */
throw new Error('green-loader: shims/green/threading is not implemented yet');
export {};

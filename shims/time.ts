/**
 * Placeholder until the shims land (issue 3).
 */
throw new Error('green-loader: shims/time is not implemented yet');
export {};

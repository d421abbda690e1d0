/**
 * Placeholder until the shims land (issue 3).
 */
throw new Error('green-loader: shims/native/thread is not implemented yet');
export {};

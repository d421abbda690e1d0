/** Placeholder until the loader lands (issue 3). */
throw new Error('green-loader: the preload is not implemented yet');
export {};

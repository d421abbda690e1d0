/** Placeholder until monkey lands (issue 3). */
throw new Error('green-loader: monkey is not implemented yet');
export {};

// Gives bundled code that reads a free `process` variable our safe stub.
import stub from './process.cjs';

export { stub as process };

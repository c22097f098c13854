export { VicII } from './vic-ii.js';

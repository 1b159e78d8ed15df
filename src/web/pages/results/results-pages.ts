/**
 * Test Results, fetched as one chunk (see lazy-component.ts): the list and a result. The trend page is its own chunk
 * (App.tsx): it brings the chart library (recharts), which the list and the result do not need.
 */
import './results-strings.ts';
import './results.css';
export { ResultPage } from './ResultPage.tsx';
export { TestResultsPage } from './TestResultsPage.tsx';

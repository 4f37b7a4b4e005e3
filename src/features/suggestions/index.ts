/** The suggestion feature (SUGG-1..3): what other features call. */
export { adoptedSuggestions, suggestionsForRankingPost, type AdoptedSuggestion } from './suggestion-report.ts';

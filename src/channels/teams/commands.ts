/**
 * What a Teams user typed, as command words. In a channel the message starts
 * with the bot's mention (`<at>banzhang</at> leave sick`); people used to Slack
 * type a slash (`/leave sick`) or the app's name (`banzhang help`). All of it
 * reads as the same words.
 */
const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

export function commandWords(text: string): string[] {
  const plain = text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? ' ')
    .trim();
  const words = plain.split(/\s+/).filter(Boolean);
  if (words[0]?.startsWith('/')) words[0] = words[0].slice(1);
  if (words[0] !== undefined && ['banzhang', '班长'].includes(words[0].toLowerCase())) words.shift();
  if (words[0] === '') words.shift();
  return words;
}

/** Slack mrkdwn helpers shared by the block builders. */

/** Text people typed, shown as written: &, < and > escaped, so no @channel, user mention or link can be slipped in. */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A store URL fit to print: its user name and password, if any, become `***`.
 *
 * @example
 * redactCredentials('redis://app:secret@cache:6379'); // 'redis://***@cache:6379'
 */
export function redactCredentials(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//***@');
}

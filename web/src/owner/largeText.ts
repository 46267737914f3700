/**
 * 适老化 (issue 19): the large-text mode — at least 18 px body text and bigger touch targets on the
 * owner's and public pages. Remembered on the device (applied before the first paint) and on the
 * owner's account (PUT /api/my/settings), so it follows them to a new phone.
 */
const KEY = 'gongzhi.largeText';

export function storedLargeText(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function applyLargeText(on: boolean) {
  document.documentElement.classList.toggle('large-text', on);
  try {
    localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    /* private mode: the account remembers it */
  }
}

import { ApiError } from './api.js';
import { applyTranslations, language, setLanguage, t, type Lang } from './i18n/index.js';

/** The sign-in screen: the only thing shown until a token is held. */
export function showSignIn(signIn: (username: string, password: string) => Promise<void>): void {
  applyTranslations(document);
  const screen = document.getElementById('signin')!;
  const form = document.getElementById('signin-form') as HTMLFormElement;
  const error = document.getElementById('signin-error')!;
  const languageSelect = document.getElementById('signin-language') as HTMLSelectElement;
  languageSelect.value = language();
  languageSelect.addEventListener('change', () => setLanguage(languageSelect.value as Lang));
  screen.hidden = false;
  const username = form.elements.namedItem('username') as HTMLInputElement;
  const password = form.elements.namedItem('password') as HTMLInputElement;
  username.focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!username.value.trim() || !password.value) {
      error.textContent = t('signin.missing');
      return;
    }
    const button = form.querySelector('button[type="submit"]') as HTMLButtonElement;
    button.disabled = true;
    try {
      await signIn(username.value.trim(), password.value);
      screen.hidden = true;
      password.value = '';
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 429) {
        const seconds = (failure as ApiError & { retryAfter?: number }).retryAfter;
        error.textContent = t('signin.tooMany', { seconds: seconds ?? 60 });
      } else if (failure instanceof ApiError && failure.status === 401) error.textContent = t('signin.wrong');
      else if (failure instanceof ApiError) error.textContent = t('signin.refused', { message: failure.message });
      else error.textContent = t('signin.network');
      password.select();
    } finally {
      button.disabled = false;
    }
  });
}

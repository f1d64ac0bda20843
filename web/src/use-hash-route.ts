import { useCallback, useEffect, useState } from 'react';

/** The address after '#', e.g. '/w/ws_1/compose'; navigating sets it (back button works). */
const read = () => window.location.hash.replace(/^#/, '') || '/';

export function useHashRoute(): [string, (to: string) => void] {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((to: string) => {
    window.location.hash = to;
  }, []);
  return [route, navigate];
}

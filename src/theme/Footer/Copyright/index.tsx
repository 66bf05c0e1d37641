/**
 * The footer's last line, with the "Read offline" control above it. The
 * control and everything it imports load after the page has painted, when the
 * browser is idle, and only in a production build (the service worker exists
 * only there): every page's entry script gains this wrapper alone.
 */
import { lazy, Suspense, useEffect, useState, type ComponentProps, type ReactNode } from 'react';
import Copyright from '@theme-original/Footer/Copyright';

const OfflineReading = lazy(() => import('@site/src/components/OfflineReading'));

function LazyOfflineReading(): ReactNode {
  const [show, setShow] = useState(false);
  useEffect(() => {
    if (!('serviceWorker' in navigator) || !('caches' in window)) return undefined;
    if ('requestIdleCallback' in window) {
      const handle = requestIdleCallback(() => setShow(true), { timeout: 3000 });
      return () => cancelIdleCallback(handle);
    }
    // Safari has no requestIdleCallback: wait for the load event's work to pass.
    const handle = setTimeout(() => setShow(true), 1000);
    return () => clearTimeout(handle);
  }, []);
  return show ? (
    <Suspense fallback={null}>
      <OfflineReading />
    </Suspense>
  ) : null;
}

export default function CopyrightWrapper(props: ComponentProps<typeof Copyright>): ReactNode {
  return (
    <>
      {process.env.NODE_ENV === 'production' && <LazyOfflineReading />}
      <Copyright {...props} />
    </>
  );
}

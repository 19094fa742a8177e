import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface Notice {
  id: number;
  message: string;
}

interface Notices {
  /** Shows an error a person must read; it stays until dismissed. */
  showError(message: string): void;
}

// No default: outside a provider a failure would be shown nowhere, which is the swallowed error this exists to prevent.
const NoticeContext = createContext<Notices | null>(null);

export function useNotices(): Notices {
  const notices = useContext(NoticeContext);
  if (!notices) throw new Error('useNotices outside a NoticeProvider');
  return notices;
}

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const showError = useCallback(
    (message: string) => setNotices((current) => [...current.slice(-2), { id: Date.now() + Math.random(), message }]),
    [],
  );
  const value = useMemo(() => ({ showError }), [showError]);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div className="notices" role="alert" aria-live="assertive">
        {notices.map((notice) => (
          <div key={notice.id} className="notice">
            <span>{notice.message}</span>
            <button
              type="button"
              className="quiet"
              aria-label="Dismiss"
              onClick={() => setNotices((current) => current.filter((item) => item.id !== notice.id))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}

import { Navigate, Route, Routes } from 'react-router';
import { AppLayout } from '@/components/layouts/app-layout';
import { NotFoundRoute } from './routes/not-found-route';
import { NoticeRoute } from './routes/notice-route';
import { NoticesListRoute } from './routes/notices-list-route';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to="/notices" replace />} />
        <Route path="notices" element={<NoticesListRoute />} />
        <Route path="notices/:id" element={<NoticeRoute />} />
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}

import { Route, Routes } from 'react-router';
import { AppLayout } from '@/components/layouts/app-layout';
import {
  AcceptInvitationPage,
  CheckEmailPage,
  LoginPage,
  PasswordResetConfirmPage,
  PasswordResetRequestPage,
  SignupPage,
  VerifyEmailPage,
} from '@/features/auth';
import { AlertSettingsPage, ForYouPage, InboxPage, UnsubscribePage } from '@/features/alerts';
import { MyBidsRoute, PrepareBidRoute, TenderRoute } from '@/features/bidding';
import { DirectoryPage } from '@/features/directory';
import { MembersRoute } from '@/features/members';
import { AgendaRoute, EventBuilderRoute, EventListPage, EventRoute, ManageEventRoute, ParticipateRoute } from '@/features/events';
import { ReviewQueuePage } from '@/features/sanctions';
import { SettingsPage } from '@/features/settings';
import { COMMITTEE_MEMBERS, SealingKeyPage, TENDER_WORKERS, TenderBuilderRoute, TenderListPage, TenderPageRoute } from '@/features/tenders';
import { OFFICER_OR_STAFF, RequireAuth, SCREENING_STAFF } from '@/lib/auth';
import { HomeRoute } from './routes/home-route';
import { NotFoundRoute } from './routes/not-found-route';
import { NoticeRoute } from './routes/notice-route';
import { NoticesListRoute } from './routes/notices-list-route';
import { ReviewCaseRoute } from './routes/review-case-route';
import { SupplierRoute } from './routes/supplier-route';

// Links in e-mails use the fragment form so tokens never reach the server in
// a URL (AS-37); the paths are the server's (src/auth/auth_service.cc Link):
// /verify-email#token=…, /reset-password#token=…, /accept-invitation#token=….
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomeRoute />} />
        <Route path="notices" element={<NoticesListRoute />} />
        <Route path="notices/:id" element={<NoticeRoute />} />
        <Route path="signup" element={<SignupPage />} />
        <Route path="signup/check-email" element={<CheckEmailPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="password-reset" element={<PasswordResetRequestPage />} />
        <Route path="reset-password" element={<PasswordResetConfirmPage />} />
        <Route path="accept-invitation" element={<AcceptInvitationPage />} />
        <Route path="settings" element={<RequireAuth><SettingsPage /></RequireAuth>} />
        <Route path="settings/alerts" element={<RequireAuth><AlertSettingsPage /></RequireAuth>} />
        <Route path="inbox" element={<RequireAuth><InboxPage /></RequireAuth>} />
        <Route path="for-you" element={<RequireAuth roles={['supplier_user']}><ForYouPage /></RequireAuth>} />
        <Route path="unsubscribe" element={<UnsubscribePage />} />
        <Route path="organisations/:id/members" element={<RequireAuth><MembersRoute /></RequireAuth>} />
        <Route path="suppliers/:id/:section" element={<SupplierRoute />} />
        <Route path="directory" element={<RequireAuth roles={OFFICER_OR_STAFF}><DirectoryPage /></RequireAuth>} />
        <Route path="sanctions/reviews" element={<RequireAuth roles={SCREENING_STAFF}><ReviewQueuePage /></RequireAuth>} />
        <Route path="sanctions/reviews/:id" element={<ReviewCaseRoute />} />
        <Route path="manage/tenders" element={<RequireAuth roles={TENDER_WORKERS}><TenderListPage /></RequireAuth>} />
        <Route path="manage/tenders/:ocid" element={<RequireAuth roles={TENDER_WORKERS}><TenderPageRoute /></RequireAuth>} />
        <Route path="manage/tenders/:ocid/edit" element={<RequireAuth roles={TENDER_WORKERS}><TenderBuilderRoute /></RequireAuth>} />
        <Route path="committee/sealing-key" element={<RequireAuth roles={COMMITTEE_MEMBERS}><SealingKeyPage /></RequireAuth>} />
        <Route path="tenders/:ocid" element={<TenderRoute />} />
        <Route path="tenders/:ocid/bid" element={<PrepareBidRoute />} />
        <Route path="bids" element={<MyBidsRoute />} />
        <Route path="events" element={<EventListPage />} />
        <Route path="events/:id" element={<EventRoute />} />
        <Route path="events/:id/participate" element={<ParticipateRoute />} />
        <Route path="events/:id/agenda" element={<AgendaRoute />} />
        <Route path="manage/events/new" element={<EventBuilderRoute />} />
        <Route path="manage/events/:id" element={<ManageEventRoute />} />
        <Route path="manage/events/:id/edit" element={<EventBuilderRoute />} />
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}

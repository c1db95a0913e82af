// Supplier screens of issue #6 (docs/bidding-ui.md): the public tender page, "prepare bid"
// with envelopes sealed in the browser, receipts verified in the browser, the bid abstract,
// the award result, and the company's bids.
export { MyBidsRoute, PrepareBidRoute, TenderRoute } from './components/routes';

//! 第六章 a studio's life after approval (`/api/studios/{id}/life` and the endpoints that change it):
//! annual reports due 31 December (第十五条), annual results due 31 January (第十五条（一）),
//! end-of-term assessments, rectification and revocation (第十七条), changes of leader or host
//! within 60 days (第十六条), exits, returns and the 3-year ban (第十八条), and each role's
//! notification digest. Every deadline is tried on both sides of its boundary with the clock.

mod scene;

mod changes;
mod digest;
mod exits;
mod rectification;
mod reports;
mod results;

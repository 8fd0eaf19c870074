//! 第四章 from the applicant's side: an application drafted beside the live verdict, submitted,
//! moved through the procedure under an optimistic version, with its timeline and evidence files.
//! Every move of an application, whoever makes it, is written by [`moves`].

pub mod drafts;
pub mod files;
pub mod http;
pub mod moves;
pub mod service;
pub mod store;
pub mod view;

//! 第四章 from the applicant's side: drafts beside the live verdict, the moves of the procedure,
//! the timeline and the evidence files.

use super::query::{ApplicationFilter, UploadQuery};
use super::{File, NoContent, NoQuery, endpoints};
use crate::application::{ApplicationEdit, ApplicationView, NewApplication};
use crate::procedure::{AttachmentView, HistoryEntry};
use crate::workflow::TransitionRequest;

endpoints! {
    /// The applications the caller may see (a draft only by its applicant).
    ListApplications: Get "/api/applications" [ApplicationFilter] (()) => 200 Vec<ApplicationView>;
    /// One application with the server's verdict on its facts.
    GetApplication: Get "/api/applications/{id}" [NoQuery] (()) => 200 ApplicationView;
    /// An applicant starts an application in an open round (one per unit and round).
    CreateApplication: Post "/api/applications" [NoQuery] (NewApplication) => 201 ApplicationView;
    /// The applicant edits a draft or a returned application (409 when the version is stale).
    UpdateApplication: Put "/api/applications/{id}" [NoQuery] (ApplicationEdit) => 200 ApplicationView;
    /// A move of the procedure through `shared::workflow`: role, named fields, then guards.
    Transition: Post "/api/applications/{id}/transition" [NoQuery] (TransitionRequest) => 200 ApplicationView;
    /// The timeline: every version, who made it, the reason and what changed.
    History: Get "/api/applications/{id}/history" [NoQuery] (()) => 200 Vec<HistoryEntry>;
    /// The evidence files of an application.
    ListAttachments: Get "/api/applications/{id}/attachments" [NoQuery] (()) => 200 Vec<AttachmentView>;
    /// Uploads a file (PDF, JPG or PNG by content, at most 10 MB): the body is the file.
    UploadAttachment: Post "/api/applications/{id}/attachments" [UploadQuery] (File) => 201 AttachmentView;
    /// Downloads a file, for those who may see its application.
    DownloadAttachment: Get "/api/attachments/{id}" [NoQuery] (()) => 200 File;
    /// The applicant removes a file from a draft or returned application.
    RemoveAttachment: Delete "/api/attachments/{id}" [NoQuery] (()) => 204 NoContent;
}

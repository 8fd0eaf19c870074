//! Reusable view pieces.

pub mod eligibility_form;
pub mod fields;
pub mod layout;
#[cfg(feature = "office")]
pub mod ningxia_outlines;
#[cfg(feature = "office")]
pub mod studio_table;
pub mod verdict;

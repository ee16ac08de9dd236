//! The child's and the family's views ("About me" and the parents' or
//! carers' views): the plain-English prompts each space asks, what an answer
//! may hold, and whether the views are still being written or were sent to
//! the council. They become section A of the plan.

use serde::{Deserialize, Serialize};

use super::stored::stored_enum;
use super::uploads::Attachment;

stored_enum! {
    /// Where a space of views stands.
    pub enum ViewsState {
        /// Being written: the family adds, changes and removes.
        Drafting = "drafting",
        /// Sent to the council: read-only until a caseworker re-opens it.
        Sent = "sent",
    }
}

/// One question a space asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub field: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
}

/// The two spaces on every case, in the order they are shown.
pub const SPACES: [Attachment; 2] = [Attachment::ChildViews, Attachment::ParentViews];

pub fn title(space: Attachment) -> &'static str {
    match space {
        Attachment::ChildViews => "About me",
        Attachment::ParentViews => "My parent or carer's views",
        Attachment::AdviceDocument => "Documents with advice",
    }
}

/// Who the space is for, said to the person filling it in.
pub fn intro(space: Attachment) -> &'static str {
    match space {
        Attachment::ChildViews => {
            "The child or young person's own words, drawings, photos and videos. Someone can write for them, in their words."
        }
        Attachment::ParentViews => "What parents and carers want the council to know about their child.",
        Attachment::AdviceDocument => "Reports and letters attached to a professional's advice.",
    }
}

/// The prompts a space asks, the same four as councils' "All about me" forms.
pub fn prompts(space: Attachment) -> [Prompt; 4] {
    match space {
        Attachment::ChildViews => [
            Prompt {
                field: "liked",
                label: "What people like and admire about me",
                hint: "For example, what I am good at and what makes me smile.",
            },
            Prompt {
                field: "important",
                label: "What is important to me",
                hint: "People, places, things and routines that matter to me.",
            },
            Prompt {
                field: "support",
                label: "How best to support me",
                hint: "What helps me learn, and what makes things hard.",
            },
            Prompt {
                field: "hopes",
                label: "My hopes for the future",
                hint: "What I would like to do and be.",
            },
        ],
        // Documents with advice are never a views space (see `SPACES`): they
        // are given the family's prompts only so this stays total.
        Attachment::ParentViews | Attachment::AdviceDocument => [
            Prompt {
                field: "liked",
                label: "What you like and admire about your child",
                hint: "Their strengths, interests and what they enjoy.",
            },
            Prompt {
                field: "important",
                label: "What is important to your child, and to you",
                hint: "Family, friends, routines and anything the council should know.",
            },
            Prompt {
                field: "support",
                label: "How best to support your child",
                hint: "What works well, what does not, and what has helped before.",
            },
            Prompt {
                field: "hopes",
                label: "Your hopes for your child's future",
                hint: "Now, in the next few years, and as an adult.",
            },
        ],
    }
}

/// The written answers of one space.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    pub liked: String,
    pub important: String,
    pub support: String,
    pub hopes: String,
}

/// The most an answer may hold: about four pages.
pub const ANSWER_MAX_CHARS: usize = 10_000;

impl Answers {
    pub fn get(&self, field: &str) -> &str {
        match field {
            "liked" => &self.liked,
            "important" => &self.important,
            "support" => &self.support,
            _ => &self.hopes,
        }
    }

    /// Each answer's problem, by field.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        ["liked", "important", "support", "hopes"]
            .into_iter()
            .filter(|f| self.get(f).chars().count() > ANSWER_MAX_CHARS)
            .map(|f| {
                (
                    f,
                    format!("This answer must be {ANSWER_MAX_CHARS} characters or fewer. Add the rest as a document"),
                )
            })
            .collect()
    }

    /// Each answer without the spaces around it.
    pub fn trimmed(&self) -> Answers {
        Answers {
            liked: self.liked.trim().to_owned(),
            important: self.important.trim().to_owned(),
            support: self.support.trim().to_owned(),
            hopes: self.hopes.trim().to_owned(),
        }
    }

    pub fn is_empty(&self) -> bool {
        [&self.liked, &self.important, &self.support, &self.hopes]
            .iter()
            .all(|a| a.trim().is_empty())
    }
}

/// A file as section A lists it: its kind, name, caption and address.
pub struct ListedFile<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub caption: &'a str,
    pub link: String,
}

/// The text a space's views add to section A of a draft plan: each question
/// answered with its answer, then the files with a link to each. The
/// caseworker edits it there into the plan's words.
pub fn for_section_a(space: Attachment, answers: &Answers, files: &[ListedFile<'_>]) -> String {
    let mut parts: Vec<String> = prompts(space)
        .iter()
        .filter(|p| !answers.get(p.field).trim().is_empty())
        .map(|p| format!("{}\n{}", p.label, answers.get(p.field).trim()))
        .collect();
    if !files.is_empty() {
        let list: Vec<String> = files
            .iter()
            .map(|f| {
                let caption = if f.caption.is_empty() {
                    String::new()
                } else {
                    format!(", \u{201c}{}\u{201d}", f.caption)
                };
                format!("- {}: {}{caption} ({})", f.kind, f.name, f.link)
            })
            .collect();
        parts.push(format!("From {}:\n{}", title(space), list.join("\n")));
    }
    parts.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_space_asks_four_questions_whose_fields_are_the_answers() {
        for space in SPACES {
            let fields: Vec<_> = prompts(space).iter().map(|p| p.field).collect();
            assert_eq!(fields, ["liked", "important", "support", "hopes"]);
        }
        let long = Answers {
            hopes: "x".repeat(ANSWER_MAX_CHARS + 1),
            ..Answers::default()
        };
        assert_eq!(long.problems().len(), 1);
        assert_eq!(long.problems()[0].0, "hopes");
        assert!(Answers::default().is_empty());
    }

    #[test]
    fn section_a_gets_each_answered_question_and_a_link_to_each_file() {
        let answers = Answers {
            liked: "I am kind.".into(),
            hopes: "To be a vet.".into(),
            ..Answers::default()
        };
        let files = [ListedFile {
            kind: "Photo",
            name: "beach.jpg",
            caption: "Me at the beach",
            link: "https://hub.example/cases/7/files/ab".into(),
        }];
        assert_eq!(
            for_section_a(Attachment::ChildViews, &answers, &files),
            "What people like and admire about me\nI am kind.\n\nMy hopes for the future\nTo be a vet.\n\n\
             From About me:\n- Photo: beach.jpg, \u{201c}Me at the beach\u{201d} (https://hub.example/cases/7/files/ab)"
        );
        assert_eq!(for_section_a(Attachment::ParentViews, &Answers::default(), &[]), "");
    }
}

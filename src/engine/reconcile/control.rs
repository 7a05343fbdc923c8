//! Control claims about the same place, reduced to who holds how much of it:
//! "X controls all of P" (or does not), and "X holds part of P". A whole held by one side
//! contradicts any part held by another; "not fully taken" agrees with "the other side holds part".

use super::Relation;
use crate::engine::claim::{Control, Extent};

#[derive(Clone, Debug, PartialEq, Eq)]
enum Stance<'c> {
    Whole { controller: &'c str, holds: bool },
    Part { controller: &'c str },
}

fn stance(control: &Control) -> Option<Stance<'_>> {
    let controller = control.controller.as_deref()?;
    Some(match (control.extent, control.negated) {
        (Extent::Whole, negated) => Stance::Whole { controller, holds: !negated },
        (Extent::Part, false) => Stance::Part { controller },
        // "does not hold part of P" says too little to compare.
        (Extent::Part, true) => return None,
    })
}

pub fn compare(a: &Control, b: &Control) -> Option<Relation> {
    if a.place_key != b.place_key {
        return None;
    }
    use Stance::*;
    match (stance(a)?, stance(b)?) {
        (Whole { controller: x, holds: p }, Whole { controller: y, holds: q }) if x == y => {
            Some(if p == q { Relation::Supports } else { Relation::Contradicts })
        }
        (Whole { holds: true, .. }, Whole { holds: true, .. }) => Some(Relation::Contradicts),
        (Whole { .. }, Whole { .. }) => None,
        (Whole { controller: x, holds }, Part { controller: y })
        | (Part { controller: y }, Whole { controller: x, holds }) => {
            if x == y {
                None
            } else if holds {
                Some(Relation::Contradicts)
            } else {
                Some(Relation::Supports)
            }
        }
        (Part { controller: x }, Part { controller: y }) => (x == y).then_some(Relation::Supports),
    }
}

/// A plain-words account of a control claim: "Russia controls Pokrovsk".
pub fn describe(control: &Control) -> String {
    let who = control.controller.as_deref().unwrap_or("someone");
    match (control.extent, control.negated) {
        (Extent::Whole, false) => format!("{who} controls {}", control.place),
        (Extent::Whole, true) => format!("{who} does not control all of {}", control.place),
        (Extent::Part, false) => format!("{who} holds part of {}", control.place),
        (Extent::Part, true) => format!("{who} holds no part of {}", control.place),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn control(controller: &str, extent: Extent, negated: bool) -> Control {
        Control { place: "P".into(), place_key: "p".into(), controller: Some(controller.into()), extent, negated }
    }

    #[test]
    fn a_whole_capture_contradicts_the_other_side_holding_part() {
        let captured = control("A", Extent::Whole, false);
        let holds_part = control("B", Extent::Part, false);
        let not_fully = control("A", Extent::Whole, true);
        assert_eq!(compare(&captured, &holds_part), Some(Relation::Contradicts));
        assert_eq!(compare(&captured, &not_fully), Some(Relation::Contradicts));
        assert_eq!(compare(&not_fully, &holds_part), Some(Relation::Supports));
        assert_eq!(compare(&captured, &captured.clone()), Some(Relation::Supports));
        assert_eq!(compare(&holds_part, &control("A", Extent::Part, false)), None, "a divided city is no conflict");
    }
}
